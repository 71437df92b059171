<#-- staff.added (de), plain text; also sets the subject. state is confirmed or waiting. -->
<#import "/text.ftl" as t>
<#assign subject>Anmeldung durch das Kursteam: ${(course.name)!""}</#assign>
<@t.hello/>

das Kursteam hat Sie für den Kurs <@t.coursePhrase c=course!{}/> angemeldet.

<@t.stateLine/>

<@t.courseFacts/>

<@t.payment/>

<@t.statusLink/>

<@t.signoffLink/>

<@t.footer/>
