<#-- waiting.promoted (de), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Sie haben einen Platz: ${(course.name)!""}</#assign>
<@t.hello/>

Gute Nachricht: Im Kurs <@t.coursePhrase c=course!{}/> ist ein Platz frei geworden. Sie sind von der Warteliste nachgerückt und haben jetzt einen festen Platz.

<@t.courseFacts/>

<@t.payment/>

<@t.statusLink/>

<@t.signoffLink/>

<@t.footer/>
